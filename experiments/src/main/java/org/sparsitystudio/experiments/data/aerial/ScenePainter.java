package org.sparsitystudio.experiments.data.aerial;

import java.util.SplittableRandom;

/**
 * The drawing rules of the eight classes, in upright scene coordinates on a {@link Canvas}. Sizes
 * are in pixels of the 128² drawing resolution, as in SCIENCE.md. Every random choice comes from
 * the one generator passed in, in a fixed order, and only {@link StrictMath} is used for
 * transcendental functions, so a scene is the same on every JVM.
 *
 * <p>Every painter covers the whole canvas: the view is cut from it after rotation, and any
 * corner may end up inside the view.
 */
final class ScenePainter {

    private static final int S = Canvas.SIZE;
    private static final double TWO_PI = 2 * StrictMath.PI;

    private static final double[][] ROOFS = {
        {0.62, 0.25, 0.20}, {0.50, 0.32, 0.22}, {0.56, 0.56, 0.57}, {0.46, 0.18, 0.16}, {0.66, 0.42, 0.30}};
    private static final double[][] CROPS = {
        {0.33, 0.52, 0.22}, {0.45, 0.60, 0.30}, {0.26, 0.42, 0.18}, {0.80, 0.74, 0.40},
        {0.74, 0.66, 0.34}, {0.56, 0.43, 0.28}, {0.47, 0.36, 0.25}};
    private static final double[][] CARS = {
        {0.92, 0.92, 0.92}, {0.10, 0.10, 0.11}, {0.65, 0.14, 0.12}, {0.18, 0.27, 0.58},
        {0.70, 0.71, 0.73}, {0.38, 0.39, 0.41}, {0.85, 0.78, 0.30}};

    private ScenePainter() {
    }

    static void paint(AerialClass kind, Canvas canvas, SplittableRandom rng) {
        switch (kind) {
            case RESIDENTIAL -> residential(canvas, rng);
            case FARMLAND -> farmland(canvas, rng);
            case FOREST -> forest(canvas, rng);
            case RIVER -> river(canvas, rng);
            case AIRPORT -> airport(canvas, rng);
            case PARKING_LOT -> parkingLot(canvas, rng);
            case HARBOUR -> harbour(canvas, rng);
            case DESERT -> desert(canvas, rng);
        }
    }

    /** Streets every 24–34 px in both directions; blocks filled with rows of 4–7 px houses. */
    private static void residential(Canvas c, SplittableRandom rng) {
        c.fill(jitter(rng, new double[] {0.42, 0.50, 0.33}, 0.04));
        c.valueNoise(rng, 16, 0.04);
        double[] street = jitter(rng, new double[] {0.46, 0.46, 0.48}, 0.03);
        int pitchX = 24 + rng.nextInt(11);
        int pitchY = 24 + rng.nextInt(11);
        int width = 3 + rng.nextInt(3);
        int offX = rng.nextInt(pitchX);
        int offY = rng.nextInt(pitchY);
        for (int y = offY - pitchY; y < S; y += pitchY) {
            c.rect(0, y, S, y + width, street);
        }
        for (int x = offX - pitchX; x < S; x += pitchX) {
            c.rect(x, 0, x + width, S, street);
        }
        for (int by = offY - pitchY; by < S; by += pitchY) {
            for (int bx = offX - pitchX; bx < S; bx += pitchX) {
                houses(c, rng, bx + width + 1, by + width + 1, bx + pitchX - 1, by + pitchY - 1);
            }
        }
    }

    private static void houses(Canvas c, SplittableRandom rng, int x0, int y0, int x1, int y1) {
        int y = y0;
        while (y + 4 <= y1) {
            int rowHeight = 0;
            int x = x0 + rng.nextInt(2);
            while (x + 4 <= x1) {
                int w = 4 + rng.nextInt(4);
                int h = 4 + rng.nextInt(4);
                if (x + w > x1 || y + h > y1) {
                    break;
                }
                if (rng.nextDouble() < 0.85) {
                    c.rect(x, y, x + w, y + h, jitter(rng, ROOFS[rng.nextInt(ROOFS.length)], 0.04));
                    rowHeight = Math.max(rowHeight, h);
                }
                x += w + 2 + rng.nextInt(3);
            }
            y += Math.max(rowHeight, 4) + 2 + rng.nextInt(2);
        }
    }

    /** Horizontal strips 6–12 px wide, each one crop colour with faint furrows along it. */
    private static void farmland(Canvas c, SplittableRandom rng) {
        double y = -rng.nextInt(12);
        int furrow = 2 + rng.nextInt(2);
        while (y < S) {
            int width = 6 + rng.nextInt(7);
            double[] crop = jitter(rng, CROPS[rng.nextInt(CROPS.length)], 0.04);
            c.rect(0, y, S, y + width, crop);
            for (int row = (int) y; row < y + width; row++) {
                if (Math.floorMod(row, furrow) == 0) {
                    for (int x = 0; x < S; x++) {
                        c.shade(x, row, -0.03);
                    }
                }
            }
            y += width;
        }
        c.valueNoise(rng, 30, 0.03);
    }

    /** Dark-green noise covered by crowns of radius 1–3 px at random places: no orientation. */
    private static void forest(Canvas c, SplittableRandom rng) {
        c.fill(jitter(rng, new double[] {0.11, 0.24, 0.11}, 0.02));
        c.valueNoise(rng, 10, 0.04);
        int crowns = S * S / 6;
        for (int i = 0; i < crowns; i++) {
            double x = rng.nextDouble() * S;
            double y = rng.nextDouble() * S;
            double r = 1 + 2 * rng.nextDouble();
            double[] green = {0.08 + 0.10 * rng.nextDouble(), 0.24 + 0.16 * rng.nextDouble(), 0.07 + 0.08 * rng.nextDouble()};
            c.disc(x, y, r, green, 0.35);
        }
        c.valueNoise(rng, 40, 0.03);
    }

    /** Fields crossed by a blue band 4–9 px wide along y = y₀ + a·sin(2πx/P + φ), with darker banks. */
    private static void river(Canvas c, SplittableRandom rng) {
        c.fill(jitter(rng, new double[] {0.40, 0.49, 0.30}, 0.04));
        c.valueNoise(rng, 20, 0.06);
        c.valueNoise(rng, 6, 0.02);
        double y0 = Canvas.CENTRE + 20 * (2 * rng.nextDouble() - 1);
        double amplitude = 8 + 22 * rng.nextDouble();
        double period = 60 + 120 * rng.nextDouble();
        double phase = TWO_PI * rng.nextDouble();
        double half = (4 + 5 * rng.nextDouble()) / 2;
        double[] water = jitter(rng, new double[] {0.14, 0.30, 0.55}, 0.03);
        double[] bank = jitter(rng, new double[] {0.30, 0.36, 0.24}, 0.03);
        for (int x = 0; x < S; x++) {
            double arg = TWO_PI * (x + 0.5) / period + phase;
            double centre = y0 + amplitude * StrictMath.sin(arg);
            double slope = amplitude * TWO_PI / period * StrictMath.cos(arg);
            // Vertical distance times cos(atan(slope)) approximates the distance across the band,
            // so that steep bends are not thinner than straight runs.
            double across = StrictMath.sqrt(1 + slope * slope);
            for (int y = 0; y < S; y++) {
                double d = Math.abs(y + 0.5 - centre) / across;
                if (d <= half) {
                    c.set(x, y, water);
                } else if (d <= half + 1.5) {
                    c.set(x, y, bank);
                }
            }
        }
    }

    /**
     * Grass with a runway of 110–160 × 6–8 px, white centre dashes, a parallel taxiway and an apron
     * with 1–4 cross-shaped planes: mostly empty, as real airports are.
     */
    private static void airport(Canvas c, SplittableRandom rng) {
        c.fill(jitter(rng, new double[] {0.50, 0.57, 0.38}, 0.04));
        c.valueNoise(rng, 24, 0.04);
        double[] asphalt = jitter(rng, new double[] {0.36, 0.36, 0.38}, 0.03);
        double[] white = {0.93, 0.93, 0.93};
        double length = 110 + 50 * rng.nextDouble();
        double width = 6 + 2 * rng.nextDouble();
        double cx = Canvas.CENTRE + 10 * (2 * rng.nextDouble() - 1);
        double cy = Canvas.CENTRE + 16 * (2 * rng.nextDouble() - 1);
        double left = cx - length / 2;
        double right = cx + length / 2;
        c.rect(left, cy - width / 2, right, cy + width / 2, asphalt);
        for (double x = left + 4; x + 4 <= right - 4; x += 8) {
            c.rect(x, cy - 0.5, x + 4, cy + 0.5, white);
        }
        double side = rng.nextBoolean() ? 1 : -1;
        double taxiY = cy + side * (14 + 6 * rng.nextDouble());
        c.rect(left + 10, taxiY - 1.5, right - 10, taxiY + 1.5, asphalt);
        for (double x : new double[] {left + 10, right - 13}) {
            c.rect(x, Math.min(cy, taxiY), x + 3, Math.max(cy, taxiY), asphalt);
        }
        double apronW = 36 + 16 * rng.nextDouble();
        double apronH = 18 + 8 * rng.nextDouble();
        double apronX = cx - apronW / 2 + 20 * (2 * rng.nextDouble() - 1);
        double apronY = side > 0 ? taxiY + 1.5 : taxiY - 1.5 - apronH;
        c.rect(apronX, apronY, apronX + apronW, apronY + apronH, jitter(rng, new double[] {0.60, 0.60, 0.60}, 0.03));
        int planes = 1 + rng.nextInt(4);
        double slot = apronW / planes;
        for (int i = 0; i < planes; i++) {
            double span = 9 + 3 * rng.nextDouble();
            double body = Math.min(apronH - 2, 10 + 4 * rng.nextDouble());
            double px = apronX + slot * (i + 0.5);
            double py = apronY + 1;
            c.rect(px - 1, py, px + 1, py + body, white);
            c.rect(px - span / 2, py + 0.35 * body, px + span / 2, py + 0.35 * body + 2, white);
            c.rect(px - 2.5, py + body - 2, px + 2.5, py + body - 1, white);
        }
    }

    /**
     * Asphalt with double rows of stalls 3 px wide separated by lane lines, 8-px aisles between
     * the double rows, and 2 × 4 px cars in three stalls of four.
     */
    private static void parkingLot(Canvas c, SplittableRandom rng) {
        c.fill(jitter(rng, new double[] {0.31, 0.31, 0.33}, 0.03));
        c.valueNoise(rng, 6, 0.025);
        double[] line = jitter(rng, new double[] {0.82, 0.82, 0.80}, 0.03);
        int stall = 3;
        int depth = 6;
        int aisle = 7 + rng.nextInt(3);
        int pitch = 2 * depth + aisle;
        int offY = -rng.nextInt(pitch);
        int offX = -rng.nextInt(stall);
        double occupancy = 0.6 + 0.3 * rng.nextDouble();
        for (int top = offY; top < S; top += pitch) {
            c.rect(0, top + depth, S, top + depth + 1, line);
            for (int x = offX; x < S; x += stall) {
                c.rect(x, top, x + 1, top + 2 * depth + 1, line);
                for (int half = 0; half < 2; half++) {
                    if (rng.nextDouble() < occupancy) {
                        double y = top + 1 + half * (depth + 1);
                        c.rect(x + 1, y, x + 3, y + 4, jitter(rng, CARS[rng.nextInt(CARS.length)], 0.03));
                    }
                }
            }
        }
    }

    /** Water below a straight quay, 2–5 piers reaching into it, sheds on land and 2–6 white boats. */
    private static void harbour(Canvas c, SplittableRandom rng) {
        c.fill(jitter(rng, new double[] {0.54, 0.51, 0.46}, 0.04));
        c.valueNoise(rng, 12, 0.04);
        double quay = Canvas.CENTRE + 24 * (2 * rng.nextDouble() - 1);
        int sheds = 4 + rng.nextInt(5);
        double[][] roofs = {{0.62, 0.62, 0.64}, {0.44, 0.30, 0.25}, {0.30, 0.40, 0.55}};
        for (int i = 0; i < sheds; i++) {
            double w = 10 + 15 * rng.nextDouble();
            double h = 8 + 10 * rng.nextDouble();
            double x = rng.nextDouble() * S - w / 2;
            double y = quay - 4 - h - rng.nextDouble() * (quay - 4 - h);
            c.rect(x, y, x + w, y + h, jitter(rng, roofs[rng.nextInt(roofs.length)], 0.03));
        }
        double[] water = jitter(rng, new double[] {0.10, 0.24, 0.40}, 0.03);
        c.rect(0, quay, S, S, water);
        double[] concrete = jitter(rng, new double[] {0.64, 0.62, 0.57}, 0.03);
        double[] white = {0.94, 0.94, 0.94};
        int piers = 2 + rng.nextInt(4);
        double spacing = (double) S / piers;
        for (int i = 0; i < piers; i++) {
            double x = spacing * (i + 0.25 + 0.5 * rng.nextDouble());
            double w = 3 + 2 * rng.nextDouble();
            double len = 20 + 30 * rng.nextDouble();
            c.rect(x, quay, x + w, quay + len, concrete);
            if (rng.nextDouble() < 0.7) {
                double by = quay + 3 + rng.nextDouble() * (len - 8);
                double side = rng.nextBoolean() ? x + w + 1 : x - 3;
                c.rect(side, by, side + 2, by + 5, white);
            }
        }
        int free = rng.nextInt(3);
        for (int i = 0; i < free; i++) {
            double bx = rng.nextDouble() * S;
            double by = quay + 30 + rng.nextDouble() * Math.max(1, S - quay - 40);
            c.rect(bx, by, bx + 3, by + 7, white);
        }
    }

    /** Sand with low-frequency shading and faint dunes: ±0.04 bands with a wavy crest line. */
    private static void desert(Canvas c, SplittableRandom rng) {
        c.fill(jitter(rng, new double[] {0.82, 0.69, 0.49}, 0.04));
        c.valueNoise(rng, 45, 0.05);
        c.valueNoise(rng, 12, 0.02);
        double period = 14 + 10 * rng.nextDouble();
        double waveLength = 60 + 60 * rng.nextDouble();
        double waveAmplitude = 3 + 6 * rng.nextDouble();
        double phase = TWO_PI * rng.nextDouble();
        double strength = 0.03 + 0.02 * rng.nextDouble();
        for (int x = 0; x < S; x++) {
            double shift = waveAmplitude * StrictMath.sin(TWO_PI * (x + 0.5) / waveLength + phase);
            for (int y = 0; y < S; y++) {
                c.shade(x, y, strength * StrictMath.sin(TWO_PI * (y + 0.5 + shift) / period));
            }
        }
    }

    /** The colour with each channel moved by the same U[−amount, amount], keeping its hue. */
    private static double[] jitter(SplittableRandom rng, double[] colour, double amount) {
        double d = amount * (2 * rng.nextDouble() - 1);
        return new double[] {colour[0] + d, colour[1] + d, colour[2] + d};
    }
}
