package io.casegrid.dispatch.cases;

/** Who acts on a case, and under which idempotency key (null: none). */
public record Actor(String name, String idempotencyKey) {}
