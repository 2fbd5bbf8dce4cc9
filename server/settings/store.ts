/**
 * Persisted setting values (MISP's config.php, here the system_settings table of the shared
 * database file). The console and the server open the same file; the cache is dropped whenever
 * SQLite's data_version says another connection committed, so a console change is seen at once.
 */
import type { Db } from '../storage/db.ts';
import type { SettingValue } from './definitions.ts';

export class SettingsStore {
  private cache: Map<string, SettingValue> | null = null;
  private cachedVersion = -1;

  constructor(private readonly db: Db) {}

  get(name: string): SettingValue | undefined {
    return this.values().get(name);
  }

  has(name: string): boolean {
    return this.values().has(name);
  }

  set(name: string, value: SettingValue): void {
    this.db
      .prepare(
        'INSERT INTO system_settings (setting, value) VALUES (?, ?) ON CONFLICT(setting) DO UPDATE SET value = excluded.value',
      )
      .run(name, JSON.stringify(value));
    this.cache = null;
  }

  private values(): Map<string, SettingValue> {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (this.cache && version === this.cachedVersion) return this.cache;
    const rows = this.db.prepare('SELECT setting, value FROM system_settings').all() as {
      setting: string;
      value: string;
    }[];
    this.cache = new Map(rows.map((row) => [row.setting, JSON.parse(row.value) as SettingValue]));
    this.cachedVersion = version;
    return this.cache;
  }
}
