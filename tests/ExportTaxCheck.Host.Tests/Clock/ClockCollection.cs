namespace ExportTaxCheck.Host.Tests.Clock;

/// <summary>The clock tests start Host processes of their own; one class at a time keeps two cores from thrashing.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClockCollection
{
    public const string Name = "Simulated clock";
}
