using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// Refuses a value longer than the column that stores it, with the length taken from the EF model: SQLite would keep
/// it, PostgreSQL refuses the whole write, and the caller would see a 500 instead of a 400 naming the field.
/// </summary>
public static class ColumnLengths
{
    public static void Ensure<TRecord>(DbContext db, string property, string? value, string field)
    {
        if (value is null || db.Model.FindEntityType(typeof(TRecord))?.FindProperty(property)?.GetMaxLength() is not { } max || value.Length <= max)
            return;
        throw new InvalidRequestException("VALUE_TOO_LONG", $"'{field}' has {value.Length} characters; at most {max} are allowed.",
            new Dictionary<string, string[]> { [field] = [$"At most {max} characters."] });
    }
}
