export { listCategories, type CategorySummary } from './categories.repo.js';
export { registerCategoryRoutes } from './categories.routes.js';
