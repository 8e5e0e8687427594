using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>Stores a DateTimeOffset as the same instant with offset zero.</summary>
public sealed class UtcInstantConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
