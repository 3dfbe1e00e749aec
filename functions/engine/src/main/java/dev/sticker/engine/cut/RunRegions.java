package dev.sticker.engine.cut;

import java.util.Arrays;

/**
 * 4-connected regions of a mask found on its runs (horizontal stretches of equal pixels) rather than pixel by
 * pixel: runs of neighbouring rows that overlap are joined with union-find. A portrait's mask has a few runs per
 * row, so after one scan of the mask the work is proportional to the number of runs, and the result is written
 * back a run at a time.
 */
final class RunRegions {

    private RunRegions() {
    }

    /**
     * The region of {@link SubjectMask#SUBJECT} pixels containing pixel {@code seed} (which must be one), with its
     * holes filled: background pixels not 4-connected to the mask's border through background.
     */
    static byte[] regionWithHolesFilled(byte[] mask, int width, int height, int seed) {
        Runs subject = Runs.of(mask, width, height, SubjectMask.SUBJECT);
        UnionFind joined = subject.joinOverlaps();
        int seedRun = subject.runAt(seed / width, seed % width);
        int root = joined.find(seedRun);
        boolean[] inRegion = new boolean[subject.count];
        for (int r = 0; r < subject.count; r++) {
            inRegion[r] = joined.find(r) == root;
        }
        Runs background = subject.gaps(inRegion, width);
        UnionFind outside = background.joinOverlaps();
        boolean[] reachesBorder = new boolean[background.count];
        for (int y = 0; y < height; y++) {
            for (int r = background.firstOfRow[y]; r < background.firstOfRow[y + 1]; r++) {
                if (y == 0 || y == height - 1 || background.start[r] == 0 || background.end[r] == width) {
                    reachesBorder[outside.find(r)] = true;
                }
            }
        }
        byte[] region = new byte[width * height];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int r = subject.firstOfRow[y]; r < subject.firstOfRow[y + 1]; r++) {
                if (inRegion[r]) {
                    Arrays.fill(region, row + subject.start[r], row + subject.end[r], SubjectMask.SUBJECT);
                }
            }
            for (int r = background.firstOfRow[y]; r < background.firstOfRow[y + 1]; r++) {
                if (!reachesBorder[outside.find(r)]) {
                    Arrays.fill(region, row + background.start[r], row + background.end[r], SubjectMask.SUBJECT);
                }
            }
        }
        return region;
    }

    /** Runs row by row: run {@code r} covers {@code [start[r], end[r])} of its row; rows' runs are contiguous. */
    private static final class Runs {
        final int[] start;
        final int[] end;
        final int[] firstOfRow;
        final int count;

        private Runs(int[] start, int[] end, int[] firstOfRow, int count) {
            this.start = start;
            this.end = end;
            this.firstOfRow = firstOfRow;
            this.count = count;
        }

        static Runs of(byte[] mask, int width, int height, byte value) {
            Builder runs = new Builder(height);
            for (int y = 0; y < height; y++) {
                runs.beginRow(y);
                int row = y * width;
                int x = 0;
                while (x < width) {
                    while (x < width && mask[row + x] != value) {
                        x++;
                    }
                    if (x == width) {
                        break;
                    }
                    int from = x;
                    while (x < width && mask[row + x] == value) {
                        x++;
                    }
                    runs.add(from, x);
                }
            }
            return runs.build();
        }

        /** The stretches of each row not covered by the runs kept in {@code kept}: the rows' complement. */
        Runs gaps(boolean[] kept, int width) {
            int height = firstOfRow.length - 1;
            Builder gaps = new Builder(height);
            for (int y = 0; y < height; y++) {
                gaps.beginRow(y);
                int x = 0;
                for (int r = firstOfRow[y]; r < firstOfRow[y + 1]; r++) {
                    if (kept[r]) {
                        if (start[r] > x) {
                            gaps.add(x, start[r]);
                        }
                        x = end[r];
                    }
                }
                if (x < width) {
                    gaps.add(x, width);
                }
            }
            return gaps.build();
        }

        /** Joins every pair of runs in neighbouring rows that share a column. */
        UnionFind joinOverlaps() {
            UnionFind sets = new UnionFind(count);
            for (int y = 1; y < firstOfRow.length - 1; y++) {
                int a = firstOfRow[y - 1];
                int b = firstOfRow[y];
                int aEnd = firstOfRow[y];
                int bEnd = firstOfRow[y + 1];
                while (a < aEnd && b < bEnd) {
                    if (start[a] < end[b] && start[b] < end[a]) {
                        sets.union(a, b);
                    }
                    if (end[a] < end[b]) {
                        a++;
                    } else {
                        b++;
                    }
                }
            }
            return sets;
        }

        /** The run of row {@code y} covering column {@code x}. */
        int runAt(int y, int x) {
            for (int r = firstOfRow[y]; r < firstOfRow[y + 1]; r++) {
                if (start[r] <= x && x < end[r]) {
                    return r;
                }
            }
            throw new IllegalArgumentException("no run covers " + x + "," + y);
        }

        private static final class Builder {
            private int[] start = new int[1024];
            private int[] end = new int[1024];
            private final int[] firstOfRow;
            private int count;

            Builder(int height) {
                firstOfRow = new int[height + 1];
            }

            void beginRow(int y) {
                firstOfRow[y] = count;
            }

            void add(int from, int to) {
                if (count == start.length) {
                    start = Arrays.copyOf(start, 2 * count);
                    end = Arrays.copyOf(end, 2 * count);
                }
                start[count] = from;
                end[count] = to;
                count++;
            }

            Runs build() {
                firstOfRow[firstOfRow.length - 1] = count;
                return new Runs(start, end, firstOfRow, count);
            }
        }
    }

    /** Disjoint sets of run indices, with path halving. */
    private static final class UnionFind {
        private final int[] parent;

        UnionFind(int size) {
            parent = new int[size];
            for (int i = 0; i < size; i++) {
                parent[i] = i;
            }
        }

        int find(int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }

        void union(int a, int b) {
            int rootA = find(a);
            int rootB = find(b);
            if (rootA != rootB) {
                // the smaller index as root: the same sets whatever the order of joins
                parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
            }
        }
    }
}
