namespace QuantDsl.Tests.Backends;

/// <summary>Tests that share the <see cref="DeviceFixture"/> (and therefore run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class DeviceCollection : ICollectionFixture<DeviceFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Devices";
}
