/**
 * Recording the views to WebM in the browser: a canvas compositor draws the panes (the views
 * are SVG) and the narration into one canvas a few times a second, and a MediaRecorder encodes
 * the canvas's stream. Each SVG is serialized with its computed styles inlined (the views
 * style with CSS variables, which an SVG drawn as an image would not see).
 */

export interface VideoCaptureOptions {
  /** The element whose panes to draw (e.g. `.panes`). */
  readonly root: HTMLElement;
  readonly fps?: number;
  /** The text drawn under the views (the narration), read every frame. */
  readonly caption?: () => string;
  /** A title drawn above the caption (scenario and step), read every frame. */
  readonly title?: () => string;
  /** Device pixels per CSS pixel of the video (default 1). */
  readonly scale?: number;
}

export interface VideoCapture {
  readonly canvas: HTMLCanvasElement;
  readonly mimeType: string;
  /** Frames drawn so far. */
  frames(): number;
  /** Stop and return the WebM. */
  stop(): Promise<Blob>;
}

/** Styles that decide how SVG shapes and text look. */
const PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'letter-spacing',
  'visibility',
  'display',
] as const;

const CAPTION_H = 96;

export function webmMimeType(): string {
  if (typeof MediaRecorder === 'undefined') return '';
  for (const t of ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm']) {
    if (MediaRecorder.isTypeSupported(t)) return t;
  }
  return '';
}

/** The SVG as a self-contained image URL (computed styles inlined). */
function svgImageUrl(svg: SVGSVGElement, w: number, h: number): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [clone, ...clone.querySelectorAll('*')];
  for (let i = 0; i < src.length; i++) {
    const o = src[i]!;
    const c = dst[i] as SVGElement | undefined;
    if (c === undefined || !(o instanceof SVGElement) || o.tagName === 'title') continue;
    const cs = getComputedStyle(o);
    let style = '';
    for (const p of PROPS) {
      const v = cs.getPropertyValue(p);
      if (v !== '') style += `${p}:${v};`;
    }
    c.setAttribute('style', style);
  }
  for (const t of clone.querySelectorAll('title')) t.remove();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(w));
  clone.setAttribute('height', String(h));
  const text = new XMLSerializer().serializeToString(clone);
  return 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(text);
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('svg image failed to load'));
    img.src = url;
  });
}

function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line === '' ? w : `${line} ${w}`;
    if (ctx.measureText(next).width > width && line !== '') {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}

export function startVideoCapture(opts: VideoCaptureOptions): VideoCapture {
  const mimeType = webmMimeType();
  if (mimeType === '') throw new Error('this browser cannot record WebM (no MediaRecorder)');
  const fps = opts.fps ?? 10;
  const scale = opts.scale ?? 1;
  const box = opts.root.getBoundingClientRect();
  const W = Math.max(320, Math.round(box.width));
  const H = Math.max(240, Math.round(box.height)) + CAPTION_H;
  const canvas = document.createElement('canvas');
  // Even sizes: VP8/VP9 encoders want them.
  canvas.width = Math.round((W * scale) / 2) * 2;
  canvas.height = Math.round((H * scale) / 2) * 2;
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('no 2D canvas');
  const stream = canvas.captureStream(fps);
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 4_000_000 });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  };
  let frames = 0;
  let busy = false;
  let stopped = false;

  async function draw(): Promise<void> {
    if (busy || stopped || ctx === null) return;
    busy = true;
    try {
      const root = opts.root.getBoundingClientRect();
      const cs = getComputedStyle(document.documentElement);
      const bg = cs.getPropertyValue('--mm-bg').trim() || '#ffffff';
      const fg = cs.getPropertyValue('--mm-fg').trim() || '#1d1d1f';
      const muted = cs.getPropertyValue('--mm-muted').trim() || '#5f6368';
      const grid = cs.getPropertyValue('--mm-grid').trim() || '#e3e3df';
      const svgs = [...opts.root.querySelectorAll<SVGSVGElement>('svg')].filter(
        (s) => s.getBoundingClientRect().width > 0 && s.closest('.mm-pane-head') === null,
      );
      const images = await Promise.all(
        svgs.map(async (s) => {
          const r = s.getBoundingClientRect();
          try {
            return { r, img: await loadImage(svgImageUrl(s, r.width, r.height)) };
          } catch {
            return null;
          }
        }),
      );
      ctx.setTransform(scale, 0, 0, scale, 0, 0);
      ctx.fillStyle = grid;
      ctx.fillRect(0, 0, W, H);
      // Pane backgrounds and headers (HTML, drawn as text).
      ctx.font = '600 11px system-ui, sans-serif';
      for (const pane of opts.root.querySelectorAll<HTMLElement>('.mm-pane')) {
        const r = pane.getBoundingClientRect();
        if (r.width === 0) continue;
        ctx.fillStyle = bg;
        ctx.fillRect(r.left - root.left, r.top - root.top, r.width, r.height);
        const head = pane.querySelector<HTMLElement>('.mm-pane-head');
        if (head !== null) {
          ctx.fillStyle = muted;
          const title = head.querySelector('.pane-title')?.textContent ?? '';
          const status = head.querySelector('.mm-pane-status')?.textContent ?? '';
          ctx.fillText(
            `${title.toUpperCase()}   ${status}`,
            r.left - root.left + 10,
            r.top - root.top + 17,
          );
        }
      }
      for (const x of images) {
        if (x === null) continue;
        ctx.drawImage(x.img, x.r.left - root.left, x.r.top - root.top, x.r.width, x.r.height);
      }
      // Motion the views draw on a canvas over their SVG (entries in flight, views/common.ts).
      for (const c of opts.root.querySelectorAll<HTMLCanvasElement>('canvas.mm-motion')) {
        const r = c.getBoundingClientRect();
        if (r.width === 0 || c.width === 0) continue;
        ctx.drawImage(c, r.left - root.left, r.top - root.top, r.width, r.height);
      }
      // The narration band.
      const y0 = H - CAPTION_H;
      ctx.fillStyle = bg;
      ctx.fillRect(0, y0, W, CAPTION_H);
      ctx.fillStyle = grid;
      ctx.fillRect(0, y0, W, 1);
      ctx.fillStyle = muted;
      ctx.font = '600 12px ui-monospace, monospace';
      ctx.fillText(opts.title?.() ?? '', 14, y0 + 20);
      ctx.fillStyle = fg;
      ctx.font = '14px system-ui, sans-serif';
      const lines = wrap(ctx, opts.caption?.() ?? '', W - 28).slice(0, 3);
      lines.forEach((l, i) => ctx.fillText(l, 14, y0 + 42 + i * 19));
      frames++;
    } finally {
      busy = false;
    }
  }

  void draw();
  recorder.start(1000);
  const interval = setInterval(() => void draw(), 1000 / fps);

  return {
    canvas,
    mimeType,
    frames: () => frames,
    async stop() {
      clearInterval(interval);
      // The last state must be in the video: draw it (after any frame in flight), and give the
      // encoder a few frame intervals to take it before stopping.
      while (busy) await new Promise((r) => setTimeout(r, 10));
      await draw();
      await new Promise((r) => setTimeout(r, (3 * 1000) / fps));
      stopped = true;
      return new Promise<Blob>((resolve) => {
        recorder.onstop = () => {
          for (const t of stream.getTracks()) t.stop();
          resolve(new Blob(chunks, { type: 'video/webm' }));
        };
        recorder.stop();
      });
    },
  };
}
