// Builds the whole application on an HTTP server without listening: main.ts and tests both use it.
// Three parts: the services (services.ts), the Express app (http/http-app.ts), the sockets (socket/attach-sockets.ts).
import type http from 'node:http';
import express from 'express';
import { mountHttp } from './http/http-app.js';
import { createMetrics } from './ops/metrics.js';
import { createServices, type Components } from './services.js';
import { attachNamespaces, createSocketServer } from './socket/attach-sockets.js';
import { socketNotifier } from './socket/socket-notifier.js';
import { campaignSocketEvents, SpeakerCampaigns } from './socket/campaign-events.js';

export type { Components } from './services.js';

export function createApplication(httpServer: http.Server, components: Components) {
  const { config, log, db } = components;
  const metrics = createMetrics();
  let draining = false;
  const isDraining = () => draining;

  // Express first, so that Socket.IO wraps it and keeps /socket.io/ requests for itself.
  const app = express();
  httpServer.on('request', app);
  const sockets = createSocketServer(httpServer, { config, db, log });
  const speakerCampaigns = new SpeakerCampaigns();
  const campaignEvents = campaignSocketEvents(sockets.io, speakerCampaigns, log);
  const services = createServices({ ...components, metrics, notifier: socketNotifier(sockets.io), isDraining, campaignEvents });
  // The services' notifier: the socket one, which also moves campaign progress.
  const { notifier } = services;
  speakerCampaigns.load = (speakerId) => services.campaigns.sessions.speakerCampaign(speakerId);
  const { monitor, sessions } = attachNamespaces(sockets.io, httpServer, { config, log, metrics, services, speakerCampaigns });
  mountHttp(app, { ...components, metrics, notifier, isDraining, services, monitor, sessions });

  return {
    app,
    io: sockets.io,
    login: services.login,
    startBackground: services.startBackground,
    stopBackground: services.stopBackground,
    closeAdapter: sockets.closeAdapter,
    /** Refuse new takes and report not-ready, so the load balancer moves traffic elsewhere. */
    startDraining() {
      draining = true;
    },
  };
}

export type Application = ReturnType<typeof createApplication>;
