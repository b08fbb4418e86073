export * from './system';
export * from './users';
export * from './customers';
export * from './sync';
export * from './tickets';
export * from './reports';
export * from './orders';
export * from './visits';
