using System.Security.Cryptography;

namespace Adal.Ledger.Tests;

public sealed class HashingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1022)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(70_000)]
    public void A_leaf_hash_is_SHA_256_of_a_zero_byte_and_the_entry_whatever_its_size(int length)
    {
        var entry = new byte[length];
        new Random(length).NextBytes(entry);
        Assert.Equal(SHA256.HashData([0x00, .. entry]), MerkleHash.Leaf(entry));
    }

    [Fact]
    public void A_node_hash_is_SHA_256_of_a_one_byte_and_both_children()
    {
        var left = SHA256.HashData("left"u8);
        var right = SHA256.HashData("right"u8);
        Assert.Equal(SHA256.HashData([0x01, .. left, .. right]), MerkleHash.Node(left, right));
    }

    [Fact]
    public void A_node_hash_may_be_written_over_one_of_its_children()
    {
        var left = SHA256.HashData("left"u8);
        var right = SHA256.HashData("right"u8);
        var expected = MerkleHash.Node(left, right);
        MerkleHash.Node(left, right, right);
        Assert.Equal(expected, right);
    }

    [Fact]
    public void A_destination_too_small_is_refused_before_anything_is_hashed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleHash.Leaf("x"u8, new byte[31]));
        // The thread's shared digest must still be clean afterwards.
        Assert.Equal(SHA256.HashData([0x00, .. "y"u8]), MerkleHash.Leaf("y"u8));
    }

    [Fact]
    public void Leaf_hashes_that_are_not_whole_hashes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MerkleHash.RootOfLeafHashes(new byte[33]));
        Assert.Equal(MerkleHash.EmptyRoot(), MerkleHash.RootOfLeafHashes([]));
    }

    [Fact]
    public void Hashes_computed_on_many_threads_at_once_are_all_correct()
    {
        var entries = Build.Entries(2_000);
        var expected = entries.Select(e => SHA256.HashData([0x00, .. e])).ToArray();
        var actual = new byte[entries.Length][];
        Parallel.For(0, entries.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[i] = MerkleHash.Leaf(entries[i]));
        Assert.Equal(expected, actual);
    }
}
