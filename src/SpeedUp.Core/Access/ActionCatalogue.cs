namespace SpeedUp.Core.Access;

/// <summary>
/// The actions an access key can be granted: one per RPC, named <c>Service/Method</c> (e.g.
/// <c>SpeedUpService/StartSpeedUp</c>). A grant is an action, <c>Service/*</c> (every method of a service) or <c>*</c>
/// (everything). Customer keys may only be granted the customer-facing services; operator keys anything.
/// </summary>
public sealed class ActionCatalogue
{
    private readonly HashSet<string> _customerActions;
    private readonly HashSet<string> _operatorActions;

    /// <summary>Builds the catalogue from the full method paths (<c>/package.Service/Method</c>) the transport serves.</summary>
    public ActionCatalogue(IEnumerable<string> customerMethodPaths, IEnumerable<string> operatorMethodPaths)
    {
        _customerActions = customerMethodPaths.Select(ActionOf).ToHashSet(StringComparer.Ordinal);
        _operatorActions = operatorMethodPaths.Select(ActionOf).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every action, sorted.</summary>
    public IReadOnlyList<string> All => _customerActions.Concat(_operatorActions).Order(StringComparer.Ordinal).ToList();

    /// <summary>The action of a method path: <c>/broadband.speedup.v1.SpeedUpService/Precheck</c> → <c>SpeedUpService/Precheck</c>.</summary>
    public static string ActionOf(string methodPath)
    {
        var slash = methodPath.LastIndexOf('/');
        var service = methodPath[..Math.Max(slash, 0)].TrimStart('/');
        var dot = service.LastIndexOf('.');
        return $"{service[(dot + 1)..]}/{methodPath[(slash + 1)..]}";
    }

    /// <summary>Whether <paramref name="grants"/> allow <paramref name="action"/>.</summary>
    public static bool Allows(IEnumerable<string> grants, string action)
    {
        var service = action[..(action.IndexOf('/', StringComparison.Ordinal) + 1)];
        return grants.Any(g => g == "*" || g == action || (g.EndsWith("/*", StringComparison.Ordinal) && g[..^1] == service));
    }

    /// <summary>
    /// Whether a key holding <paramref name="held"/> holds everything <paramref name="grant"/> gives: <c>*</c> only by
    /// <c>*</c>, <c>Service/*</c> only by <c>*</c> or <c>Service/*</c> (methods added to the service later are part of
    /// it), a single action by any grant that allows it.
    /// </summary>
    public static bool Covers(IEnumerable<string> held, string grant)
    {
        if (grant == "*")
        {
            return held.Contains("*", StringComparer.Ordinal);
        }

        if (grant.EndsWith("/*", StringComparison.Ordinal))
        {
            return held.Any(h => h == "*" || h == grant);
        }

        return grant.Contains('/', StringComparison.Ordinal) && Allows(held, grant);
    }

    /// <summary>Whether <paramref name="held"/> covers every grant of <paramref name="grants"/> (<see cref="Covers"/>).</summary>
    public static bool CoversAll(IReadOnlyCollection<string> held, IEnumerable<string> grants) => grants.All(g => Covers(held, g));

    /// <summary>
    /// The problems of a grant list for a customer key (<paramref name="forCustomer"/>) or an operator key; empty when
    /// it is fine. A grant must match at least one known action; a customer key may not reach operator actions.
    /// </summary>
    public IReadOnlyList<string> Problems(IReadOnlyCollection<string> grants, bool forCustomer)
    {
        var problems = new List<string>();
        if (grants.Count == 0)
        {
            problems.Add("at least one action must be granted");
        }

        foreach (var grant in grants)
        {
            var reachable = _customerActions.Concat(_operatorActions).Where(a => Allows([grant], a)).ToList();
            if (reachable.Count == 0)
            {
                problems.Add($"'{Printable(grant)}' names no known action");
            }
            else if (forCustomer && reachable.Any(_operatorActions.Contains))
            {
                problems.Add($"'{grant}' reaches operator actions, which a customer key may not hold");
            }
        }

        return problems;
    }

    private static string Printable(string value) =>
        value.Length > 64 || value.Any(char.IsControl) ? "(an unprintable or overlong value)" : value;
}
