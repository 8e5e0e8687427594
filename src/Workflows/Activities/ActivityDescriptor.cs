using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ExportTaxCheck.Workflows.Activities;

/// <summary>The toolbox entry Studio reads for one activity type (Elsa's ActivityDescriptor JSON).</summary>
public sealed record ActivityDescriptor
{
    public required string TypeName { get; init; }
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public int Version { get; init; } = 1;
    public required string Category { get; init; }
    public required string DisplayName { get; init; }
    public string? Description { get; init; }
    public ActivityKind Kind { get; init; }
    public bool IsContainer { get; init; }
    public bool IsBrowsable { get; init; } = true;
    public bool IsStart { get; init; }
    public bool IsTerminal { get; init; }
    public bool RunAsynchronously { get; init; }
    public JsonObject CustomProperties { get; init; } = [];
    public JsonObject ConstructionProperties { get; init; } = [];
    public IReadOnlyList<PortDescriptor> Ports { get; init; } = [];
    public IReadOnlyList<InputDescriptor> Inputs { get; init; } = [];
    public IReadOnlyList<OutputDescriptor> Outputs { get; init; } = [];
    public JsonArray Attributes { get; init; } = [];

    /// <summary>The fixed outcome names; null for activities whose ports depend on their inputs (FlowSwitch).</summary>
    [JsonIgnore]
    public IReadOnlyList<string>? Outcomes { get; init; }

    [JsonIgnore]
    public Type ClrType { get; init; } = typeof(object);

    [JsonIgnore]
    public RetryPolicy? DefaultRetryPolicy { get; init; }
}

public sealed record PortDescriptor(string Name, string DisplayName, string Type = "Flow", bool IsBrowsable = true)
{
    public JsonObject? Metadata { get; init; }
}

public sealed record InputDescriptor
{
    public required string Name { get; init; }
    public required string TypeName { get; init; }
    public required string DisplayName { get; init; }
    public string? Description { get; init; }
    public int Order { get; init; }
    public bool IsBrowsable { get; init; } = true;
    public bool IsSerializable { get; init; } = true;
    public bool IsSynthetic { get; init; }
    public bool IsWrapped { get; init; } = true;
    public required string UIHint { get; init; }
    public string? Category { get; init; }
    public JsonNode? DefaultValue { get; init; }
    public string DefaultSyntax { get; init; } = "Literal";
    public bool IsReadOnly { get; init; }
    public bool IsSensitive { get; init; }
    public string? StorageDriverType { get; init; }
    public JsonObject? UISpecifications { get; init; }
}

public sealed record OutputDescriptor
{
    public required string Name { get; init; }
    public required string TypeName { get; init; }
    public required string DisplayName { get; init; }
    public string? Description { get; init; }
    public bool IsBrowsable { get; init; } = true;
    public bool IsSerializable { get; init; } = true;
    public bool IsSynthetic { get; init; }
}

/// <summary>
/// Temporal-style retry policy. An activity that throws is re-run after
/// <c>min(InitialInterval × BackoffCoefficient^(attempt-1), MaximumInterval)</c> until <see cref="MaxAttempts"/> runs failed.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan InitialInterval, double BackoffCoefficient, TimeSpan MaximumInterval)
{
    public static RetryPolicy None { get; } = new(1, TimeSpan.Zero, 1, TimeSpan.Zero);

    public TimeSpan DelayBeforeAttempt(int nextAttempt)
    {
        var exponent = Math.Max(0, nextAttempt - 2);
        var ticks = InitialInterval.Ticks * Math.Pow(BackoffCoefficient, exponent);
        return ticks >= MaximumInterval.Ticks ? MaximumInterval : TimeSpan.FromTicks((long)ticks);
    }
}
