/**
 * The frame every pane shares: a labelled region with a one-line header (title, a status in
 * monospace, optional actions) over a body the view fills.
 */
import type { ReactNode, Ref } from 'react';
import './panes.css';
export declare function PaneFrame(props: {
    label: string;
    status?: ReactNode;
    actions?: ReactNode;
    bodyRef: Ref<HTMLDivElement>;
    bodyClass?: string;
    children?: ReactNode;
}): import("react").JSX.Element;
