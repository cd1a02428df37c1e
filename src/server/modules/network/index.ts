export { createNetworkRepo } from './network.repo.js';
export { createNetworkService, type NetworkService } from './network.service.js';
export { networkHooks } from './network.hooks.js';
export { networkRoutes } from './network.routes.js';
