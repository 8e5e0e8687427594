namespace ExportTaxCheck.Returns.Shared;

/// <summary>V-06: ISO 4217 codes accepted on declarations.</summary>
public static class CurrencyCodeTable
{
    public static IReadOnlySet<string> Default { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "AED", "ARS", "AUD", "BDT", "BHD", "BND", "BRL", "CAD", "CHF", "CLP", "CNY", "COP", "CZK", "DKK", "EGP", "EUR", "GBP", "HKD", "HUF", "IDR",
        "ILS", "INR", "ISK", "JPY", "KES", "KRW", "KWD", "KZT", "LKR", "MAD", "MOP", "MXN", "MYR", "NGN", "NOK", "NZD", "OMR", "PEN", "PHP", "PKR",
        "PLN", "QAR", "RON", "RUB", "SAR", "SEK", "SGD", "THB", "TRY", "TWD", "UAH", "USD", "VND", "ZAR",
    };
}
