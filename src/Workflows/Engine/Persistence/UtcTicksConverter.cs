using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>Stores a DateTimeOffset as its UTC ticks.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
