/**
 * The event view's side menu, item for item as MISP 2.5.1 shows it to a site admin (observed
 * 2026-12-02), "View Event" active. Items for what this server does not have keep MISP's URLs and
 * get our 404 page; the publish items open our confirmation page (MISP opens the same prompt in a
 * popup), so a click never succeeds silently.
 */
import { html, trusted, type Html } from '../html.ts';

type Item = [id: string, href: string, label: string, extra?: Html] | null;

export function eventViewSideMenu(
  id: string,
  rights: { canModify: boolean; canPublish: boolean; published: boolean },
): Html {
  const { canModify, canPublish, published } = rights;
  const items: Item[] = [
    ['liviewEvent', `/events/view/${id}`, 'View Event'],
    ['liviewGraph', `/events/viewGraph/${id}`, 'View Correlation Graph'],
    ['lieventLog', `/logs/event_index/${id}`, 'View Event History'],
    null,
  ];
  if (canModify)
    items.push(
      ['lieditEvent', `/events/edit/${id}`, 'Edit Event'],
      [`li${id}`, `/events/delete/${id}`, 'Delete Event'],
      ['liaddAttribute', `/attributes/add/${id}`, 'Add Attribute'],
      [
        'liaddObject',
        '#',
        'Add Object',
        trusted(` data-popover-popup="/objectTemplates/objectMetaChoice/${id}"`),
      ],
      ['liaddAttachment', `/attributes/add_attachment/${id}`, 'Add Attachment'],
      ['liadd', `/eventReports/add/${id}`, 'Add Event Report'],
      ['lipopulateFrom', `/events/importChoice/${id}`, 'Populate from…'],
      ['', `/events/enrichEvent/${id}`, 'Enrich Event'],
      ['limerge', `/events/merge/${id}`, 'Merge attributes from…'],
      null,
    );
  if (canPublish && !published)
    items.push(
      ['', `/events/alert/${id}`, 'Publish Event', trusted(' id="publishAlertButton"')],
      ['', `/events/publish/${id}`, 'Publish (no email)', trusted(' id="publishButton"')],
    );
  if (canPublish && published)
    items.push(['', `/events/unpublish/${id}`, 'Unpublish', trusted(' id="unpublishButton"')]);
  if (canPublish) items.push(['', `/events/delegation/${id}`, 'Delegate Publishing']);
  items.push(
    ['licontact', `/events/contact/${id}`, 'Contact Reporter'],
    ['', `/events/exportChoice/${id}`, 'Download as…'],
    null,
    ['', `/collectionElements/addElementToCollection/Event/${id}`, 'Add Event to Collection'],
    null,
    ['liindex', '/events/index', 'List Events'],
    ['liadd', '/events/add', 'Add Event'],
  );
  return html`<div class="actions sideMenu">
    <ul class="nav nav-list" id="eventSideMenu">
      ${items.map((item) => {
        if (!item) return html`<li class="divider"></li>`;
        const [liId, href, label, extra] = item;
        const attributes = trusted(
          `${liId ? ` id="${liId}"` : ''}${liId === 'liviewEvent' ? ' class="active"' : ''}`,
        );
        return html`<li${attributes}><a href="${href}"${extra ?? ''}>${label}</a></li>`;
      })}
    </ul>
  </div>`;
}
