export * from './system';
export * from './users';
export * from './customers';
export * from './sync';
export * from './reports';
