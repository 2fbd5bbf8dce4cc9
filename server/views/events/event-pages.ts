/**
 * The event list and the event view page, rendered from the same JSON the REST API answers so
 * the page and the API never disagree. The view shows details, tags, attributes (objects grouped)
 * and the side menu with "Publish (no email)".
 */
import type { RequestContext } from '../../http/context.ts';
import { html, trusted, type Html } from '../html.ts';
import { EVENT_PAGE_SCRIPT, EVENT_PAGE_STYLE } from './event-page-script.ts';
import { page } from '../layout.ts';
import { eventViewSideMenu } from './event-side-menu.ts';
import {
  ANALYSIS_LEVELS,
  ATTRIBUTE_DISTRIBUTION_LEVELS,
  DISTRIBUTION_LEVELS,
  THREAT_LEVELS,
  THREAT_LEVEL_CLASS,
} from './labels.ts';

type Json = Record<string, unknown>;

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

export function tagList(tags: Json[]): Html {
  return html`<span class="tag-list">
    ${tags.map(
      (tag) =>
        html`<span
          class="tag label"
          style="background-color:${text(tag.colour)}"
          data-tag-id="${text(tag.id)}"
          >${tag.local ? html`<i class="local-tag" title="Local tag">(L)</i> ` : ''}${text(tag.name)}</span
        > `,
    )}
  </span>`;
}

/** One of the "+" buttons whose popover is the tag picker. */
function addTagButton(title: string, kind: string, popup: string, icon: 'globe' | 'user'): Html {
  return html`<button
    title="${title}"
    role="button"
    tabindex="0"
    aria-label="${title}"
    class="${kind} addButton btn btn-inverse noPrint"
    data-popover-popup="${popup}"
  >
    <i class="fa fa-${icon}"></i>&nbsp;<i class="fa fa-plus"></i>
  </button>`;
}

/**
 * MISP's tag row on the event page and in an attribute's row: each tag with its remove "x", then
 * the "+" buttons whose popover is the tag picker (observed: fixtures/misp-samples-observed).
 */
function editableTags(tags: Json[], scope: 'event' | 'attribute', id: string, canTag: boolean): Html {
  const suffix = scope === 'attribute' ? '/attribute' : '';
  const removeBase = scope === 'attribute' ? `/attributes/removeTag/${id}` : `/events/removeTag/${id}`;
  return html`<span class="tag-list-container"
    >${tags.map(
      (tag) =>
        html`<span class="tag-container nowrap"
          ><span class="black-white tag" title="${tag.local ? 'Local tag' : 'Global tag'}" role="img"
            >${tag.local ? 'L' : 'G'}</span
          ><a
            href="/events/index/searchtag:${text(tag.id)}"
            style="background-color:${text(tag.colour)};color:${text(tag.text_colour) || 'white'}"
            class="tag nowrap"
            data-tag-id="${text(tag.id)}"
            >${text(tag.name)}</a
          >${
            canTag
              ? html`<span
                  class="black-white tag useCursorPointer noPrint"
                  title="Remove tag"
                  role="button"
                  tabindex="0"
                  aria-label="Remove tag ${text(tag.name)}"
                  data-popover-popup="${removeBase}/${text(tag.id)}"
                  >x</span
                >`
              : ''
          }</span
        > `,
    )}${
      canTag
        ? html`<span style="white-space:nowrap"
            >${addTagButton('Add a tag', 'addTagButton', `/tags/selectTaxonomy/${id}${suffix}`, 'globe')}${addTagButton(
              'Add a local tag',
              'addLocalTagButton',
              `/tags/selectTaxonomy/local:1/${id}${suffix}`,
              'user',
            )}</span
          >`
        : ''
    }</span
  >`;
}

function attributeRow(attribute: Json, objectName: string, canTag: boolean): Html {
  const id = text(attribute.id);
  return html`<tr
    id="Attribute_${id}_tr"
    data-primary-id="${id}"
    class="${objectName ? 'objectAttribute' : ''}"
  >
    <td class="short">${id}</td>
    <td class="short">${objectName}</td>
    <td class="short" data-edit-field="category">${text(attribute.category)}</td>
    <td class="short" data-edit-field="type">
      ${objectName ? html`${text(attribute.object_relation)}: ` : ''}${text(attribute.type)}
    </td>
    <td id="Attribute_${id}_container" class="attributeValue" data-edit-field="value">
      ${text(attribute.value)}
    </td>
    <td class="short">
      <div class="attributeTagContainer">${editableTags(list(attribute.Tag), 'attribute', id, canTag)}</div>
    </td>
    <td data-edit-field="comment">${text(attribute.comment)}</td>
    <td class="short">
      <input
        type="checkbox"
        class="toids-toggle"
        id="toids_toggle_${id}"
        aria-label="Toggle IDS flag"
        title="Toggle IDS flag"
        disabled
        ${attribute.to_ids ? 'checked' : ''}
      />${attribute.to_ids ? 'Yes' : 'No'}
    </td>
    <td class="short" data-edit-field="distribution">
      ${ATTRIBUTE_DISTRIBUTION_LEVELS[text(attribute.distribution)] ?? ''}
    </td>
  </tr>`;
}

export function eventViewPage(
  ctx: RequestContext,
  data: { Event: Json },
  rights: { canPublish: boolean; canModify: boolean },
): Html {
  const { canPublish, canModify } = rights;
  const event = data.Event;
  const id = text(event.id);
  const published = event.published === true;
  const org = (event.Orgc ?? {}) as Json;
  const owner = (event.Org ?? {}) as Json;
  const rows: Array<[string, Html | string]> = [
    ['Event ID', id],
    ['UUID', text(event.uuid)],
    ['Creator org', html`<a href="/organisations/view/${text(org.id)}">${text(org.name)}</a>`],
    ['Owner org', html`<a href="/organisations/view/${text(owner.id)}">${text(owner.name)}</a>`],
    ['Creator user', text(event.event_creator_email)],
    ['Protected Event (experimental)', html`<i class="fa fa-unlock"></i> Event is in unprotected mode.`],
    [
      'Tags',
      html`<span class="eventTagContainer">${editableTags(list(event.Tag), 'event', id, canModify)}</span>`,
    ],
    ['Date', text(event.date)],
    [
      'Threat Level',
      html`<span class="${THREAT_LEVEL_CLASS[text(event.threat_level_id)] ?? ''}"
        >${THREAT_LEVELS[text(event.threat_level_id)] ?? ''}</span
      >`,
    ],
    ['Analysis', ANALYSIS_LEVELS[text(event.analysis)] ?? ''],
    ['Distribution', DISTRIBUTION_LEVELS[text(event.distribution)] ?? ''],
    [
      'Published',
      html`<span
        id="eventPublished"
        class="${published ? 'published label label-success' : 'notPublished label label-important'} label-padding"
        >${published ? 'Yes' : 'No'}</span
      >`,
    ],
    ['#Attributes', text(event.attribute_count)],
  ];
  return page(ctx, {
    title: `Event ${id}`,
    head: html`<style>
        ${trusted(EVENT_PAGE_STYLE)}
      </style>
      <script>
        ${trusted(EVENT_PAGE_SCRIPT)};
      </script>`,
    content: html`${eventViewSideMenu(id, { canModify, canPublish, published })}
      <div class="events view">
        <h2 class="overflow">${text(event.info)}</h2>
        <table class="meta_table table table-striped table-condensed" id="eventDetails">
          ${rows.map(
            ([label, value]) =>
              html`<tr>
                <td class="meta_table_key">${label}</td>
                <td class="meta_table_value">${value}</td>
              </tr>`,
          )}
        </table>
        <h3>Attributes</h3>
        <div id="attributes_div">
          <table class="table table-striped table-condensed" id="attributeList">
            <tr>
              <th>Id</th>
              <th>Object</th>
              <th>Category</th>
              <th>Type</th>
              <th>Value</th>
              <th>Tags</th>
              <th>Comment</th>
              <th>IDS</th>
              <th>Distribution</th>
            </tr>
            ${list(event.Attribute).map((a) => attributeRow(a, '', canModify))}
            ${list(event.Object).map((o) =>
              list(o.Attribute).map((a) => attributeRow(a, `${text(o.name)} (${text(o.id)})`, canModify)),
            )}
          </table>
        </div>
      </div>`,
  });
}
