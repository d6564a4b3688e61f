// Public surface of the libvirt RPC client. Import from here, not from individual files.

export * from './api/block-jobs';
export * from './api/domains';
export * from './api/events';
export * from './api/host';
export * from './api/interfaces';
export * from './api/migration';
export * from './api/networks';
export * from './api/storage';
export * from './client';
export * from './connect';
export * from './domain-state';
export * from './errors';
export * from './framing';
export * from './job-stats';
export * from './keepalive';
export * from './migration-params';
export * from './procedure-numbers';
export * from './structs';
export * from './transport';
export * from './transports/ssh';
export * from './transports/tcp';
export * from './transports/unix';
export * from './typed-params';
export * from './uri';
export * from './xdr';
