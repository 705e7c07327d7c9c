/** The screens before sign-in: loaded first, so they stay small. */
export { LoginScreen } from './LoginScreen';
export { SetupScreen } from './SetupScreen';
