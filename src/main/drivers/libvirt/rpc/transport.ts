// A transport is any duplex byte stream to a libvirt daemon. The client never opens sockets
// itself: it is handed an opener, so tests can pass an in-process fake server and the app can
// pass unix, TCP or SSH without the client knowing which.

import { type Duplex } from 'node:stream';

export type Transport = Duplex;

export interface OpenTransportOptions {
  /** Abort the attempt (e.g. a connect timeout or the user cancelling). */
  readonly signal?: AbortSignal;
}

export type TransportOpener = (options?: OpenTransportOptions) => Promise<Transport>;
