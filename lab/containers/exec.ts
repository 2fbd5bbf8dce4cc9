/**
 * `docker exec` without a Docker CLI: runs a command in a container through the engine's API
 * (testcontainers' client), prints its output and exits with its exit code.
 *   node --import tsx lab/containers/exec.ts <container-id> <command…>
 */
import { getContainerRuntimeClient } from 'testcontainers';

const [id, ...command] = process.argv.slice(2);
if (!id || command.length === 0) {
  process.stderr.write('usage: exec.ts <container-id> <command…>\n');
  process.exit(2);
}
try {
  const client = await getContainerRuntimeClient();
  const result = await client.container.exec(client.container.getById(id), command);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exit(result.exitCode);
} catch (error) {
  process.stderr.write(`exec: ${(error as Error).message}\n`);
  process.exit(2);
}
