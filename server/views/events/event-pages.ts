/**
 * The event list and the event view page, rendered from the same JSON the REST API answers so
 * the page and the API never disagree. The view shows details, tags, attributes (objects grouped)
 * and the side menu with "Publish (no email)".
 */
import type { RequestContext } from '../../http/context.ts';
import { html, type Html } from '../html.ts';
import { page } from '../layout.ts';
import {
  ANALYSIS_LEVELS,
  ATTRIBUTE_DISTRIBUTION_LEVELS,
  DISTRIBUTION_LEVELS,
  THREAT_LEVELS,
} from './labels.ts';

type Json = Record<string, unknown>;

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

function tagList(tags: Json[]): Html {
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

function attributeRow(attribute: Json, objectName: string): Html {
  return html`<tr id="Attribute_${text(attribute.id)}_tr" class="${objectName ? 'objectAttribute' : ''}">
    <td>${text(attribute.id)}</td>
    <td>${objectName}</td>
    <td>${text(attribute.category)}</td>
    <td>${objectName ? html`${text(attribute.object_relation)}: ` : ''}${text(attribute.type)}</td>
    <td class="attributeValue">${text(attribute.value)}</td>
    <td>${tagList(list(attribute.Tag))}</td>
    <td>${text(attribute.comment)}</td>
    <td>${attribute.to_ids ? 'Yes' : 'No'}</td>
    <td>${ATTRIBUTE_DISTRIBUTION_LEVELS[text(attribute.distribution)] ?? ''}</td>
  </tr>`;
}

export function eventViewPage(ctx: RequestContext, data: { Event: Json }, canPublish: boolean): Html {
  const event = data.Event;
  const id = text(event.id);
  const published = event.published === true;
  const org = (event.Orgc ?? {}) as Json;
  const rows: Array<[string, Html | string]> = [
    ['Event ID', id],
    ['UUID', text(event.uuid)],
    ['Creator org', text(org.name)],
    ['Creator user', text(event.event_creator_email)],
    ['Tags', tagList(list(event.Tag))],
    ['Date', text(event.date)],
    ['Threat Level', THREAT_LEVELS[text(event.threat_level_id)] ?? ''],
    ['Analysis', ANALYSIS_LEVELS[text(event.analysis)] ?? ''],
    ['Distribution', DISTRIBUTION_LEVELS[text(event.distribution)] ?? ''],
    ['Info', text(event.info)],
    [
      'Published',
      html`<span id="eventPublished" class="${published ? 'published' : 'notPublished'}"
        >${published ? 'Yes' : 'No'}</span
      >`,
    ],
    ['#Attributes', text(event.attribute_count)],
  ];
  return page(ctx, {
    title: `Event ${id}`,
    content: html`<div class="side-menu">
        <ul class="nav-list" id="eventSideMenu">
          <li><a href="/events/view/${id}">View Event</a></li>
          ${
            canPublish && !published
              ? html`<li><a href="/events/publish/${id}" id="publishButton">Publish (no email)</a></li>`
              : ''
          }
          ${
            canPublish && published
              ? html`<li><a href="/events/unpublish/${id}" id="unpublishButton">Unpublish</a></li>`
              : ''
          }
          <li><a href="/events/index">List Events</a></li>
        </ul>
      </div>
      <div class="events view">
        <h2>${text(event.info)}</h2>
        <table class="meta_table table table-striped table-condensed" id="eventDetails">
          ${rows.map(
            ([label, value]) =>
              html`<tr>
                <th>${label}</th>
                <td>${value}</td>
              </tr>`,
          )}
        </table>
        <h3>Attributes</h3>
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
          ${list(event.Attribute).map((a) => attributeRow(a, ''))}
          ${list(event.Object).map((o) => list(o.Attribute).map((a) => attributeRow(a, `${text(o.name)} (${text(o.id)})`)))}
        </table>
      </div>`,
  });
}

export function eventIndexPage(ctx: RequestContext, events: Json[]): Html {
  return page(ctx, {
    title: 'Events',
    content: html`<div class="events index">
      <h2>Events</h2>
      <p><a href="/events/add" class="btn btn-primary">Add Event</a></p>
      <table class="table table-striped table-hover table-condensed" id="eventIndexTable">
        <tr>
          <th>Published</th>
          <th>Creator org</th>
          <th>Id</th>
          <th>Tags</th>
          <th>#Attr.</th>
          <th>Date</th>
          <th>Info</th>
          <th>Distribution</th>
        </tr>
        ${events.map((event) => {
          const id = text(event.id);
          const tags = list(event.EventTag).map((link) => (link.Tag ?? {}) as Json);
          return html`<tr id="event_${id}">
            <td class="${event.published ? 'published' : 'notPublished'}">
              ${event.published ? 'Yes' : 'No'}
            </td>
            <td>${text(((event.Orgc ?? {}) as Json).name)}</td>
            <td><a href="/events/view/${id}">${id}</a></td>
            <td>${tagList(tags)}</td>
            <td>${text(event.attribute_count)}</td>
            <td>${text(event.date)}</td>
            <td><a href="/events/view/${id}">${text(event.info)}</a></td>
            <td>${DISTRIBUTION_LEVELS[text(event.distribution)] ?? ''}</td>
          </tr>`;
        })}
      </table>
    </div>`,
  });
}
