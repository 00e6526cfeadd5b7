namespace Adal.Ledger.Tests;

/// <summary>Whatever a client sends, a verifier answers "invalid" with a reason and never throws.</summary>
public sealed class MalformedInputTests
{
    private static readonly byte[][] Entries = Build.Entries(9);
    private static readonly MerkleLog Log = Build.Log(Entries).Log;
    private static readonly byte[] Leaf4 = MerkleHash.Leaf(Entries[4]);
    private static readonly byte[] Root = Log.RootHash();
    private static readonly byte[][] Path4 = [.. Log.GetInclusionProof(4, 9).AuditPath];

    [Fact]
    public void The_genuine_proof_verifies_from_bytes_and_from_base64()
    {
        Assert.True(MerkleProofs.VerifyInclusion(Leaf4, 4, 9, Path4, Root));
        var verdict = MerkleProofs.CheckInclusion(
            Convert.ToBase64String(Leaf4), 4, 9, Log.GetInclusionProof(4, 9).AuditPathBase64(), Convert.ToBase64String(Root));
        Assert.True(verdict.IsValid, verdict.Problem);
    }

    [Theory]
    [InlineData(9, 9)]
    [InlineData(10, 9)]
    [InlineData(-1, 9)]
    [InlineData(0, 0)]
    [InlineData(0, -5)]
    [InlineData(long.MaxValue, long.MaxValue)]
    [InlineData(long.MinValue, 9)]
    public void An_index_outside_the_tree_is_invalid(long index, long size)
    {
        var verdict = MerkleProofs.CheckInclusion(Leaf4, index, size, Path4, Root);
        Assert.False(verdict.IsValid);
        Assert.Contains("not in a tree", verdict.Problem);
    }

    [Fact]
    public void Hashes_of_the_wrong_length_are_invalid()
    {
        Assert.False(MerkleProofs.VerifyInclusion(Leaf4[..31], 4, 9, Path4, Root));
        Assert.False(MerkleProofs.VerifyInclusion([.. Leaf4, 0], 4, 9, Path4, Root));
        Assert.False(MerkleProofs.VerifyInclusion(Leaf4, 4, 9, Path4, []));
        Assert.False(MerkleProofs.VerifyInclusion(Leaf4, 4, 9, [Path4[0][..16], .. Path4[1..]], Root));
        Assert.False(MerkleProofs.VerifyConsistency(4, 9, Root[..5], Root, [Path4[0]]));
    }

    [Fact]
    public void Missing_empty_null_and_oversized_paths_are_invalid()
    {
        Assert.False(MerkleProofs.VerifyInclusion(Leaf4, 4, 9, null, Root));
        Assert.False(MerkleProofs.VerifyInclusion(Leaf4, 4, 9, [], Root));
        Assert.False(MerkleProofs.VerifyInclusion(Leaf4, 4, 9, [null!, .. Path4], Root));
        var huge = Enumerable.Repeat(Path4[0], 10_000).ToArray();
        var verdict = MerkleProofs.CheckInclusion(Leaf4, 4, 9, huge, Root);
        Assert.False(verdict.IsValid);
        Assert.Contains("128", verdict.Problem);
        Assert.False(MerkleProofs.VerifyConsistency(4, 9, Log.RootHash(4), Root, null));
        Assert.False(MerkleProofs.VerifyConsistency(4, 9, Log.RootHash(4), Root, huge));
        Assert.False(MerkleProofs.VerifyInclusion(Leaf4, 4, 9, [.. Path4, .. Path4], Root));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all!!")]
    [InlineData("AAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("!!!!AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void Bad_base64_at_the_edge_is_invalid_not_an_exception(string? text)
    {
        var path = Log.GetInclusionProof(4, 9).AuditPathBase64();
        string leaf = Convert.ToBase64String(Leaf4), root = Convert.ToBase64String(Root);
        Assert.False(MerkleProofs.CheckInclusion(text, 4, 9, path, root).IsValid);
        Assert.False(MerkleProofs.CheckInclusion(leaf, 4, 9, path, text).IsValid);
        Assert.False(MerkleProofs.CheckInclusion(leaf, 4, 9, [text, .. path.Skip(1)], root).IsValid);
        Assert.False(MerkleProofs.CheckConsistency(4, 9, text, root, path).IsValid);
        Assert.False(MerkleProofs.CheckConsistency(4, 9, root, root, [text]).IsValid);
        Assert.False(HashBase64.TryDecode(text, out _));
    }

    [Fact]
    public void A_base64_path_that_is_missing_or_too_long_is_invalid()
    {
        string leaf = Convert.ToBase64String(Leaf4), root = Convert.ToBase64String(Root);
        Assert.False(MerkleProofs.CheckInclusion(leaf, 4, 9, null, root).IsValid);
        Assert.False(MerkleProofs.CheckInclusion(leaf, 4, 9, Enumerable.Repeat(leaf, 129).ToArray(), root).IsValid);
    }

    [Fact]
    public void Consistency_sizes_that_shrink_or_go_negative_are_invalid()
    {
        var r4 = Log.RootHash(4);
        var proof = Log.GetConsistencyProof(4, 9).Path;
        Assert.True(MerkleProofs.VerifyConsistency(4, 9, r4, Root, proof));
        Assert.Contains("only grow", MerkleProofs.CheckConsistency(9, 4, Root, r4, proof).Problem);
        Assert.False(MerkleProofs.VerifyConsistency(-4, 9, r4, Root, proof));
        Assert.False(MerkleProofs.VerifyConsistency(4, -9, r4, Root, proof));
        Assert.False(MerkleProofs.VerifyConsistency(4, long.MaxValue, r4, Root, proof));
        Assert.False(MerkleProofs.VerifyConsistency(4, 9, r4, Root, []));
    }

    [Fact]
    public void Equal_sizes_and_the_empty_tree_need_an_empty_proof_and_matching_roots()
    {
        Assert.True(MerkleProofs.VerifyConsistency(9, 9, Root, Root, []));
        Assert.False(MerkleProofs.VerifyConsistency(9, 9, Root, Log.RootHash(8), []));
        Assert.False(MerkleProofs.VerifyConsistency(9, 9, Root, Root, [Root]));
        Assert.True(MerkleProofs.VerifyConsistency(0, 9, MerkleHash.EmptyRoot(), Root, []));
        Assert.False(MerkleProofs.VerifyConsistency(0, 9, Root, Root, []));
        Assert.False(MerkleProofs.VerifyConsistency(0, 9, MerkleHash.EmptyRoot(), Root, [Root]));
    }
}
