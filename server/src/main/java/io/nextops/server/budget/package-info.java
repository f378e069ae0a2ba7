/**
 * The memory budget: one knob ({@code MEMORY_BUDGET_MB}, else the cgroup limit, else 256 MB) from which the JVM
 * options, the malloc arena count and the server's own memory limits are derived ({@link
 * io.nextops.server.budget.MemoryBudget}); the launcher's helper main class; the start-up check that the running JVM's
 * heap fits the budget.
 */
package io.nextops.server.budget;
