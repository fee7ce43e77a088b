namespace QuantDsl.Tests.Packaging;

/// <summary>Tests that share one packed <see cref="PackedQuantDsl"/> (and therefore run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<PackedQuantDsl>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Packaging";
}
