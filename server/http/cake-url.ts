/**
 * CakePHP 2 URL anatomy, as MISP uses it:
 *   /[admin/]<controller>/<action>/<pass args…>/<named:args…>[.json|.xml|.csv]
 * Parsing once here lets routes be looked up by "controller/action" like MISP's ACL does.
 */
export interface CakeUrl {
  admin: boolean;
  controller: string;
  action: string;
  pass: string[];
  named: Record<string, string>;
  ext: 'json' | 'xml' | 'csv' | null;
  path: string;
}

const EXTENSIONS = ['json', 'xml', 'csv'] as const;

export function parseCakeUrl(pathname: string): CakeUrl {
  let path = pathname;
  let ext: CakeUrl['ext'] = null;
  for (const candidate of EXTENSIONS) {
    if (path.endsWith(`.${candidate}`)) {
      ext = candidate;
      path = path.slice(0, -candidate.length - 1);
      break;
    }
  }
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    // Named values are form-decoded, so PyMISP's `searchall:Battery+Org` means "Battery Org".
    .map((raw) => safeDecode(raw.includes(':') ? raw.replaceAll('+', ' ') : raw));
  const admin = segments[0] === 'admin';
  if (admin) segments.shift();
  const controller = segments.shift() ?? '';
  const action = segments.shift() ?? '';
  const pass: string[] = [];
  const named: Record<string, string> = {};
  for (const segment of segments) {
    const colon = segment.indexOf(':');
    if (colon > 0) named[segment.slice(0, colon)] = segment.slice(colon + 1);
    else pass.push(segment);
  }
  return { admin, controller, action, pass, named, ext, path: pathname };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
