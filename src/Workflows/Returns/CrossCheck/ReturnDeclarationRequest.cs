namespace ExportTaxCheck.Returns.CrossCheck;

public sealed record ReturnDeclarationRequest
{
    public ReturnDeclaration? Declaration { get; init; }
}
