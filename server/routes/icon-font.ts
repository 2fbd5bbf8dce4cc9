/**
 * Font Awesome 4.7 (npm font-awesome, MIT CSS, OFL font), served from node_modules so the pages
 * draw MISP's icons (MISP 2.5.1 uses Font Awesome) with nothing fetched from the net. The CSS asks
 * for ../fonts/… relative to /css/, hence the two folders.
 */
import type { RouteDef } from '../http/context.ts';
import { packageAsset } from '../http/package-asset.ts';

const fonts: Array<[string, string]> = [
  ['fontawesome-webfont.woff2', 'font/woff2'],
  ['fontawesome-webfont.woff', 'font/woff'],
  ['fontawesome-webfont.ttf', 'font/ttf'],
];

export const iconFontRoutes: RouteDef[] = [
  {
    path: 'css/font-awesome.min.css',
    methods: ['GET'],
    public: true,
    handler: packageAsset('font-awesome/css/font-awesome.min.css', 'text/css; charset=UTF-8'),
  },
  ...fonts.map(([name, type]): RouteDef => ({
    path: `fonts/${name}`,
    methods: ['GET'],
    public: true,
    handler: packageAsset(`font-awesome/fonts/${name}`, type),
  })),
];
