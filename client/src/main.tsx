import { render } from 'solid-js/web';
import { App } from './App';
import { interceptLinks } from './router';
import './styles.css';

const root = document.getElementById('root') as HTMLElement;
interceptLinks(root);
render(() => <App />, root);
