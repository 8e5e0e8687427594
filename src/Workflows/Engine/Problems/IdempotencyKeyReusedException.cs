namespace ExportTaxCheck.Engine.Problems;

public sealed class IdempotencyKeyReusedException(string key)
    : ProblemException(422, "Idempotency key reused", "IDEMPOTENCY_KEY_REUSED",
        $"Idempotency key '{key}' was already used for a different request; use a new key for a new command.");
