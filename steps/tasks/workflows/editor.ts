/** The workflow editor tasks: written once the editor page of the reference server exists. */
import type { LabWorld } from '../../support/world.ts';

const notYet = (): never => {
  throw new Error('the workflow editor tasks are not written yet');
};
export async function openEditorFromMenu(_w: LabWorld, _t: string): Promise<void> {
  notYet();
}
export async function addModule(_w: LabWorld, _m: string, _p: Record<string, string>): Promise<void> {
  notYet();
}
export async function connect(_w: LabWorld, _f: string, _o: string, _t: string): Promise<void> {
  notYet();
}
export async function save(_w: LabWorld): Promise<void> {
  notYet();
}
export async function expectSavedGraphMeans(_w: LabWorld, _t: string, _f: string): Promise<void> {
  notYet();
}
