// @vitest-environment node
import { FakeRecordServer } from './fake-record-server';
import { recordServerContract } from './record-server.contract';

recordServerContract('FakeRecordServer', async () => {
  const server = new FakeRecordServer();
  return {
    request: (event, payload) => server.request(event as never, payload as never),
    sentenceId: 'sentence-1',
    close: async () => undefined,
  };
});
