using ExportTaxCheck.Returns.CrossCheck;

namespace ExportTaxCheck.Returns.CustomsGateway;

public sealed record CrossCheckRequest(ReturnDeclaration Declaration, bool AcceptGoodsNameDifference);
