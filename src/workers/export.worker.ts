// Export worker process entry (placeholder until the pool lands).
export {};
