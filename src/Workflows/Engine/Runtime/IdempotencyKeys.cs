using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// The stored first answers of commands. A command writes its key in the transaction of its step, so the key exists
/// exactly when the step committed; the same key again replays the answer, the same key with another request is a 422.
/// </summary>
public static class IdempotencyKeys
{
    /// <summary>The key column's length: callers prefix the client's key (at most 200 characters) with what the command is.</summary>
    public const int MaxLength = 300;

    public static void Validate(string key)
    {
        if (key.Length is 0 or > MaxLength)
            throw new InvalidRequestException("IDEMPOTENCY_KEY_INVALID", $"An idempotency key must be 1 to {MaxLength} characters long.");
    }

    public static string Hash(object request) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, WorkflowJson.Options)));

    /// <summary>The stored record of <paramref name="key"/>, or null when no command with it committed.</summary>
    public static async Task<IdempotencyRecord?> FindAsync(WorkflowDbContext db, string key, string operation, string requestHash, CancellationToken ct)
    {
        var stored = (await (await SnapshotReads.OnAsync(db, ct)).QueryAsync(StepStore.IdempotencySelect, StepStore.ReadIdempotency, ct, ("key", key))).FirstOrDefault();
        return Check(stored, key, operation, requestHash);
    }

    /// <summary><paramref name="stored"/>, refused when it answered another request under the same key.</summary>
    public static IdempotencyRecord? Check(IdempotencyRecord? stored, string key, string operation, string requestHash)
    {
        if (stored is not null && (stored.RequestHash != requestHash || stored.Operation != operation))
            throw new IdempotencyKeyReusedException(key);
        return stored;
    }

    public static IdempotencyRecord Record<T>(string key, string operation, string requestHash, T response, DateTimeOffset now) => new()
    {
        Key = key,
        Operation = operation,
        RequestHash = requestHash,
        StatusCode = 200,
        Response = JsonSerializer.Serialize(response, WorkflowJson.Options),
        CreatedAt = now,
    };

    /// <summary>A unique-key violation: on an idempotency key, another process committed the same command a moment ago.</summary>
    public static bool IsDuplicateKey(DbUpdateException ex) =>
        ex.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true
        || ex.InnerException?.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase) == true;
}
