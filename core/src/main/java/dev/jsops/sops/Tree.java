package dev.jsops.sops;

import java.util.List;

/**
 * The documents of a file (sops {@code TreeBranches}): one branch per YAML document, exactly one for the
 * other formats. The {@code sops} metadata is not part of the tree; see {@link Metadata}.
 */
public record Tree(List<Branch> branches) {
    public Tree {
        branches = List.copyOf(branches);
    }

    public static Tree of(Branch branch) {
        return new Tree(List.of(branch));
    }

    @Override
    public String toString() {
        return "Tree[" + branches.size() + " documents]";
    }
}
