import { mount } from 'svelte';
import App from './App.svelte';
import { createAppState } from './state/create-app-state';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
const app = createAppState();
// The stored language and theme before the first paint, so the page never flashes the other one; a database
// that does not answer quickly (blocked by another tab's upgrade, say) must not keep the app from starting.
await Promise.race([app.preferences(), new Promise((resolve) => setTimeout(resolve, 400))]);
// The language's messages (a chunk of their own unless English) are needed for the first paint whatever happened.
await app.i18n.ready();
mount(App, { target, props: { app } });
// The start-up benchmark (npm run bench -- --only=startup) reads this mark.
performance.mark('app-mounted');
