namespace SpeedUp.Core.Customers;

/// <summary>Customer settings (section <c>SpeedUp:Customers</c>).</summary>
public sealed class CustomerOptions
{
    /// <summary>Customers provisioned at start-up (created, or name and subscription updated; a balance is only set on creation).</summary>
    public List<CustomerSeedOptions> Seed { get; set; } = [];
}

/// <summary>One provisioned customer.</summary>
public sealed class CustomerSeedOptions
{
    /// <summary>Customer id, 1..64 of <c>[A-Za-z0-9._-]</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>Display name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Whether the customer subscribed to the product.</summary>
    public bool Subscribed { get; set; } = true;

    /// <summary>Prepaid balance given on creation, CNY.</summary>
    public decimal Balance { get; set; }
}
