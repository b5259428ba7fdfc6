using Npgsql;
using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Mas.Checks;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// What the migration's role must be allowed on MAS's database (see <see cref="PausedSchema"/> for what is
/// dropped and recreated; <see cref="MasCheckQueries.MissingRightsAsync"/> reads it): to own every written table and every table with a foreign key into one, since
/// only an owner may drop and add their indexes and constraints; to read and COPY into the written
/// tables; and to reference the tables the written tables' foreign keys point at. Without this check the
/// advisor passed and migrate then failed on its first DROP.
/// </summary>
internal static class MasRoleRights
{
    /// <returns>The finding, if anything is missing, and whether the role may read every table the checks read.</returns>
    public static async Task<(Finding? Finding, bool CanRead)> CheckAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var missing = await MasCheckQueries.MissingRightsAsync(connection, transaction, cancellationToken);
        if (missing.Count == 0)
        {
            return (null, true);
        }

        var role = await MasCheckQueries.CurrentRoleAsync(connection, transaction, cancellationToken);
        var owners = missing.Where(row => row.Need == "own").Select(row => row.Owner).Distinct(StringComparer.Ordinal).ToList();
        var parts = new List<string>();
        if (owners.Count > 0)
        {
            parts.Add($"does not own {string.Join(", ", missing.Where(row => row.Need == "own").Select(row => $"`{row.Table}` (owner {row.Owner})"))}, "
                + "whose indexes and constraints the migration drops and recreates");
        }

        foreach (var privilege in missing.Where(row => row.Need != "own").GroupBy(row => row.Need, StringComparer.Ordinal))
        {
            parts.Add($"lacks {privilege.Key} on {string.Join(", ", privilege.Select(row => $"`{row.Table}`"))}");
        }

        var advice = owners.Count == 1
            ? $"migrate as `{owners[0]}` (normally the role MAS itself uses), or grant it to `{role}` (GRANT \"{owners[0]}\" TO \"{role}\")"
            : "migrate as the role that owns MAS's tables (normally the role MAS itself uses)";
        return (FindingCatalog.MasInsufficientRights.Report($"the role `{role}` {string.Join("; ", parts)}: {advice}", missing.Count),
            !missing.Any(row => row.Need == "SELECT"));
    }
}
