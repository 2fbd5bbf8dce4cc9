/**
 * The events feature as one object per server: routes call `eventsOf(ctx.services)` and get the
 * services sharing one repository, trigger firer and clock.
 */
import type { ServerServices } from '../services.ts';
import { AttributeService } from './attribute-service.ts';
import { EventsDeps } from './deps.ts';
import { EventService } from './event-service.ts';
import { ObjectService } from './object-service.ts';
import { PublishService } from './publish-service.ts';
import { TagService } from './tag-service.ts';
import { EventCapture } from './event-capture.ts';
import { EventSearch } from './event-search.ts';
import { TagCatalogue } from './tag-catalogue.ts';
import { SightingService } from './sighting-service.ts';
import { SightingSearch } from './sighting-search.ts';
import { ObjectReferenceService } from './object-references.ts';

export interface EventsModule {
  deps: EventsDeps;
  events: EventService;
  attributes: AttributeService;
  objects: ObjectService;
  tags: TagService;
  references: ObjectReferenceService;
  capture: EventCapture;
  search: EventSearch;
  tagCatalogue: TagCatalogue;
  sightings: SightingService;
  sightingSearch: SightingSearch;
  publishing: PublishService;
}

const modules = new WeakMap<ServerServices, EventsModule>();

export function eventsOf(services: ServerServices): EventsModule {
  let module = modules.get(services);
  if (!module) {
    const deps = new EventsDeps(services);
    const attributes = new AttributeService(deps);
    const objects = new ObjectService(deps, attributes);
    const tags = new TagService(deps);
    const references = new ObjectReferenceService(deps);
    const publishing = new PublishService(deps);
    const capture = new EventCapture(deps, attributes, objects, tags, references);
    const sightings = new SightingService(deps);
    module = {
      deps,
      attributes,
      objects,
      tags,
      references,
      capture,
      search: new EventSearch(deps),
      tagCatalogue: new TagCatalogue(deps),
      sightings,
      sightingSearch: new SightingSearch(deps, sightings),
      events: new EventService(deps, capture, tags, publishing),
      publishing,
    };
    modules.set(services, module);
  }
  return module;
}
