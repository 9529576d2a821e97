import { afterAll, beforeAll } from 'vitest';
import { recordServerContract } from '../../../client/src/test-support/record-server.contract.js';
import { call, connectRecorder, createSpeaker, randomSentence } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.dispose();
});

// Each contract test is a new speaker on a real Socket.IO client, against the server on an ephemeral port.
recordServerContract('the real server', async () => {
  const { token } = await createSpeaker(server.url);
  const sentence = await randomSentence(server.url);
  const socket = await connectRecorder(server.url, token);
  return {
    request: (event, payload) => call(socket, event, payload),
    sentenceId: sentence.id,
    close: async () => void socket.close(),
  };
});
