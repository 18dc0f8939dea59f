// Registers every tag. The one module with side effects.
export {};
