/**
 * Catches a render error in one part of the page and shows it in place, so a bad script or a
 * view bug never blanks the explorer. It retries when `resetKey` changes (a new run or step).
 */
import { Component, type ReactNode } from 'react';
interface Props {
    readonly label: string;
    readonly resetKey?: string;
    readonly children?: ReactNode;
}
interface State {
    readonly error: Error | null;
    readonly key: string | undefined;
}
export declare class ErrorBoundary extends Component<Props, State> {
    state: State;
    static getDerivedStateFromError(error: unknown): Partial<State>;
    static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null;
    render(): ReactNode;
}
export {};
