namespace ExportTaxCheck.Host.Tests.Durability;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "Cluster";
}
