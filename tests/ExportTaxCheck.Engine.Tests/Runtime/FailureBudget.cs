namespace ExportTaxCheck.Engine.Tests.Runtime;

public sealed class FailureBudget
{
    public int Remaining;
}
