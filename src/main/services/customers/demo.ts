// Registers the customer demo seeder (src/main/services/demo/customers.ts) when the module loads.
import '../demo/customers';
