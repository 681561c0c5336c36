package org.sparsitystudio.app.matrix;

import java.util.function.BiConsumer;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.image.Image;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * Draws a matrix image at any zoom with every entry a crisp square: only the visible part is drawn,
 * on a canvas the size of the view, without smoothing (an image view scaled up would blur the
 * entries and, zoomed far, would need a texture larger than the card allows). Drag pans, the wheel
 * scrolls, Ctrl + wheel zooms about the pointer.
 */
final class MatrixCanvas extends Region {

    private static final double BAR = 14;

    private final Canvas canvas = new Canvas();
    private final ScrollBar horizontal = new ScrollBar();
    private final ScrollBar vertical = new ScrollBar();
    private Image image;
    private double zoom = 1;
    private int groupColumns;
    private double dragX;
    private double dragY;
    private BiConsumer<Integer, Integer> hover = (r, c) -> { };
    private java.util.function.DoubleConsumer zoomRequest = z -> { };

    MatrixCanvas() {
        setId("matrix-canvas");
        vertical.setOrientation(Orientation.VERTICAL);
        getChildren().addAll(canvas, horizontal, vertical);
        horizontal.valueProperty().addListener((obs, old, v) -> draw());
        vertical.valueProperty().addListener((obs, old, v) -> draw());
        canvas.setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
        });
        canvas.setOnMouseDragged(e -> {
            horizontal.setValue(clamp(horizontal, horizontal.getValue() - (e.getX() - dragX)));
            vertical.setValue(clamp(vertical, vertical.getValue() - (e.getY() - dragY)));
            dragX = e.getX();
            dragY = e.getY();
        });
        canvas.setOnMouseMoved(e -> {
            if (image != null) {
                int c = (int) Math.floor((e.getX() + horizontal.getValue()) / zoom);
                int r = (int) Math.floor((e.getY() + vertical.getValue()) / zoom);
                hover.accept(r, c);
            }
        });
        canvas.setOnMouseExited(e -> hover.accept(-1, -1));
        canvas.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.isControlDown()) {
                zoomRequest.accept(zoom * (e.getDeltaY() > 0 ? 1.25 : 0.8));
            } else {
                vertical.setValue(clamp(vertical, vertical.getValue() - e.getDeltaY()));
                horizontal.setValue(clamp(horizontal, horizontal.getValue() - e.getDeltaX()));
            }
            e.consume();
        });
    }

    /** Called with (row, column) of the entry under the pointer, or (-1, -1) when it leaves. */
    void setOnHover(BiConsumer<Integer, Integer> listener) {
        this.hover = listener;
    }

    /** Called with the zoom asked for by Ctrl + wheel. */
    void setOnZoomRequest(java.util.function.DoubleConsumer listener) {
        this.zoomRequest = listener;
    }

    /** Shows {@code picture} (one pixel per entry) marking column groups of {@code groups} (0: none). */
    void show(Image picture, int groups) {
        this.image = picture;
        this.groupColumns = groups;
        horizontal.setValue(0);
        vertical.setValue(0);
        requestLayout();
        draw();
    }

    /** Sets pixels per entry, keeping the centre of the view where it was. */
    void setZoom(double z) {
        double cx = (horizontal.getValue() + viewWidth() / 2) / zoom;
        double cy = (vertical.getValue() + viewHeight() / 2) / zoom;
        zoom = z;
        updateBars();
        horizontal.setValue(clamp(horizontal, cx * zoom - viewWidth() / 2));
        vertical.setValue(clamp(vertical, cy * zoom - viewHeight() / 2));
        draw();
    }

    double viewWidth() {
        return Math.max(1, getWidth() - BAR);
    }

    double viewHeight() {
        return Math.max(1, getHeight() - BAR);
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(viewWidth());
        canvas.setHeight(viewHeight());
        canvas.relocate(0, 0);
        horizontal.resizeRelocate(0, viewHeight(), viewWidth(), BAR);
        vertical.resizeRelocate(viewWidth(), 0, BAR, viewHeight());
        updateBars();
        draw();
    }

    private void updateBars() {
        double w = image == null ? 0 : image.getWidth() * zoom;
        double h = image == null ? 0 : image.getHeight() * zoom;
        horizontal.setMax(Math.max(0, w - viewWidth()));
        vertical.setMax(Math.max(0, h - viewHeight()));
        horizontal.setVisibleAmount(horizontal.getMax() * viewWidth() / Math.max(1, w));
        vertical.setVisibleAmount(vertical.getMax() * viewHeight() / Math.max(1, h));
        horizontal.setDisable(horizontal.getMax() == 0);
        vertical.setDisable(vertical.getMax() == 0);
    }

    private static double clamp(ScrollBar bar, double v) {
        return Math.max(0, Math.min(bar.getMax(), v));
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#f4f4f4"));
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (image == null) {
            return;
        }
        double x0 = horizontal.getValue();
        double y0 = vertical.getValue();
        // the entries in view, whole ones, drawn at whole-pixel positions
        int c0 = (int) Math.floor(x0 / zoom);
        int r0 = (int) Math.floor(y0 / zoom);
        int c1 = (int) Math.min(image.getWidth(), Math.ceil((x0 + canvas.getWidth()) / zoom));
        int r1 = (int) Math.min(image.getHeight(), Math.ceil((y0 + canvas.getHeight()) / zoom));
        if (c1 <= c0 || r1 <= r0) {
            return;
        }
        g.setImageSmoothing(zoom < 1);
        g.drawImage(image, c0, r0, c1 - c0, r1 - r0, Math.round(c0 * zoom - x0), Math.round(r0 * zoom - y0),
                Math.round((c1 - c0) * zoom), Math.round((r1 - r0) * zoom));
        if (groupColumns > 0 && zoom >= 4) {
            g.setStroke(Color.rgb(0x80, 0x99, 0xBB, 0.8));
            g.setLineWidth(1);
            int first = ((c0 + groupColumns - 1) / groupColumns) * groupColumns;
            for (int c = Math.max(groupColumns, first); c < c1; c += groupColumns) {
                double x = Math.round(c * zoom - x0) + 0.5;
                g.strokeLine(x, Math.max(0, -y0), x, Math.min(canvas.getHeight(), image.getHeight() * zoom - y0));
            }
        }
    }

    /** The image shown, one pixel per entry (for tests). */
    Image image() {
        return image;
    }

    /** Pixels per entry. */
    double zoom() {
        return zoom;
    }
}
