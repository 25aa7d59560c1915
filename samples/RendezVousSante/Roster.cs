using System.Collections.Concurrent;

namespace RendezVousSante;

/// <summary>An employee as this service keeps them: Sesame's identification code (its key), and the names.</summary>
public sealed record Employee(string IdentificationCode, string Title, string GivenName, string FamilyName, DateTimeOffset AddedAt);

/// <summary>
/// The clinics' staff, kept in memory: a demo. Organizations are known by the public code Sesame gives them; people
/// by their identification code for this service's sector, never by username. The first professional of a clinic
/// to sign in becomes its local administrator here (a demo rule: RVSQ's own roles are RVSQ's business).
/// </summary>
public sealed class Roster
{
    private readonly ConcurrentDictionary<string, string> _administrators = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Employee>> _employees = new(StringComparer.Ordinal);

    /// <summary>Whether this person administers the clinic (becoming its administrator if it has none yet).</summary>
    public bool Administers(string organization, string identificationCode) =>
        _administrators.GetOrAdd(organization, identificationCode) == identificationCode;

    public void Add(string organization, Employee employee) =>
        _employees.GetOrAdd(organization, _ => new(StringComparer.Ordinal))[employee.IdentificationCode] = employee;

    public IReadOnlyList<Employee> EmployeesOf(string organization) =>
        _employees.TryGetValue(organization, out var staff) ? [.. staff.Values.OrderBy(e => e.FamilyName, StringComparer.CurrentCulture)] : [];

    public bool IsEmployee(string organization, string identificationCode) =>
        _employees.TryGetValue(organization, out var staff) && staff.ContainsKey(identificationCode);
}
