import { startOnFreshPortsOnClash } from './ports';

describe('a server started on ports chosen for it', () => {
  const clash = new Error('Temporal server on 127.0.0.1:32807: the process exited early:\n… "error":"listen tcp 127.0.0.1:32807: bind: address already in use"');

  it('is started again on other ports when one was taken before it bound it, and says so', async () => {
    const said: string[] = [];
    let tries = 0;
    const started = await startOnFreshPortsOnClash('Temporal server', (line) => said.push(line), async () => {
      tries += 1;
      if (tries < 3) throw clash;
      return `started on try ${tries}`;
    });
    expect([started, said.length]).toEqual(['started on try 3', 2]);
    expect(said[0]).toBe('Temporal server: a port chosen for it was taken before it bound it; starting it again on other ports');
  });

  it('gives up after three clashes, and at once on any other failure', async () => {
    let tries = 0;
    await expect(startOnFreshPortsOnClash('x', () => undefined, async () => {
      tries += 1;
      throw clash;
    })).rejects.toThrow('address already in use');
    expect(tries).toBe(3);
    tries = 0;
    await expect(startOnFreshPortsOnClash('x', () => undefined, async () => {
      tries += 1;
      throw new Error('the schema is newer than this server');
    })).rejects.toThrow('schema');
    expect(tries).toBe(1);
  });
});
