namespace ExportTaxCheck.Returns.Certificates;

/// <summary>G-46: how a certificate was presented at clearance.</summary>
public enum Channel
{
    Electronic,
    Paper,
}
