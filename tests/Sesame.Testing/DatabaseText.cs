using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Data;

namespace Sesame.Testing;

/// <summary>Every value of every table of the model as text (blobs read as UTF-8): what a copy of the database would show.</summary>
public static class DatabaseText
{
    public static async Task<string> DumpAsync(SesameDbContext db)
    {
        var text = new StringBuilder();
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Table names come from the model, not from input.
            command.CommandText = $"SELECT * FROM \"{table}\"";
#pragma warning restore CA2100
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Append(text, reader);
            }
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, DbDataReader reader)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
            text.Append(value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                null => "",
                _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
            }).Append('\u001f');
        }

        text.Append('\n');
    }
}
